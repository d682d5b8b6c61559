import { IsObject } from 'class-validator';
import { VocabularyService } from '../../app/vocabulary/vocabulary';
import { defineRoute, RouteDefinition } from '../routes';

/** Response of GET /vocabulary (documentation only): each list maps a code to its Chinese label. */
export class VocabularyView {
  /** e.g. { major: "重大投诉" } */
  @IsObject() severity: Record<string, string>;
  @IsObject() kind: Record<string, string>;
  @IsObject() category: Record<string, string>;
  @IsObject() channel: Record<string, string>;
  @IsObject() origin: Record<string, string>;
  @IsObject() level: Record<string, string>;
  /** Complaint statuses. */
  @IsObject() status: Record<string, string>;
  /** The customer's satisfaction with the handling result. */
  @IsObject() satisfaction: Record<string, string>;
  /** Department code → name. */
  @IsObject() department: Record<string, string>;
  /** Candidate group → role name. */
  @IsObject() role: Record<string, string>;
  @IsObject() penaltyCategory: Record<string, string>;
  /** How a notification went out: email, webhook, robot (a group chat), console. */
  @IsObject() notificationChannel: Record<string, string>;
  /** Process key → element id → step name, from the deployed diagrams. */
  @IsObject() step: Record<string, Record<string, string>>;
  /** Process key → process name. */
  @IsObject() process: Record<string, string>;
}

export function vocabularyRoutes(service: VocabularyService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/vocabulary',
      summary: 'Chinese labels of every code',
      description: 'Severity, kind, category, channel, origin, level, complaint status, satisfaction, department, role, penalty category, ' +
        'notification channel, step and process names: the labels the console shows instead of the codes the API returns.',
      tags: ['identity'],
      response: { description: 'Code → label per list', type: VocabularyView },
      handler: () => service.vocabulary(),
    }),
  ];
}
