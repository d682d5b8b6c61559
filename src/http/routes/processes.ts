import express, { type Request, type Response } from 'express';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ProcessService } from '../../app/processes/process-service';
import { ValidationError } from '../../domain/errors';
import { decodeDiagram, UnsupportedEncodingError } from '../../engine/definitions/lint';
import { localeOf } from '../../engine/definitions/lint/rules/messages';
import { defineRoute, RouteDefinition } from '../routes';

// Response bodies (documentation only).

export class GateIssueView {
  @IsString() rule: string;
  @IsString() message: string;
  @IsOptional() @IsString() elementId?: string;
  @IsOptional() @IsInt() line?: number;
  @IsOptional() @IsInt() column?: number;
  @IsIn(['error', 'warning']) severity: 'error' | 'warning';
}

export class ProcessVersionView {
  @IsString() key: string;
  @IsInt() version: number;
  @IsString() definitionId: string;
  @IsDate() deployedAt: Date;
  @IsOptional() @IsString() deployedBy: string | null;
  /** The deployer's display name; null for the server's own deployment at start. */
  @IsOptional() @IsString() deployedByName: string | null;
  @IsOptional() @IsString() note: string | null;
  @IsInt() runningInstances: number;
  @IsBoolean() active: boolean;
}

export class ProcessDriftView {
  @IsString() file: string;
  @IsString() fileHash: string;
  @IsString() activeHash: string;
  @IsString() message: string;
}

export class ProcessSummaryView {
  @IsString() key: string;
  @IsOptional() @IsString() name: string | null;
  @IsInt() activeVersion: number;
  @IsInt() latestVersion: number;
  @IsBoolean() suspended: boolean;
  @ValidateNested({ each: true }) @Type(() => ProcessVersionView) versions: ProcessVersionView[];
  @IsOptional() @ValidateNested() @Type(() => ProcessDriftView) drift: ProcessDriftView | null;
  @IsInt() runningInstances: number;
}

export class ProcessVersionSourceView extends ProcessVersionView {
  @IsString() xml: string;
  @IsString() hash: string;
}

export class ProcessDeployOutcomeView extends ProcessVersionView {
  @IsBoolean() created: boolean;
  @ValidateNested({ each: true }) @Type(() => GateIssueView) warnings: GateIssueView[];
}

export class ProcessValidationView {
  @IsBoolean() ok: boolean;
  @ValidateNested({ each: true }) @Type(() => GateIssueView) issues: GateIssueView[];
}

export class VariableView {
  @IsString() name: string;
  @IsOptional() @IsString() type?: string;
  @IsOptional() @IsString() description?: string;
}

export class HandlerView {
  @IsString() name: string;
  @IsOptional() @IsString() description: string | null;
  @ValidateNested({ each: true }) @Type(() => VariableView) reads: VariableView[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => VariableView) writes: VariableView[] | null;
}

export class RoleView {
  @IsString() id: string;
  @IsString() label: string;
}

const XML_TYPES = ['application/xml', 'text/xml'];
const MAX_DIAGRAM = '2mb';
const xmlBodyParser = express.raw({ type: XML_TYPES, limit: MAX_DIAGRAM });

/**
 * Reads the raw BPMN XML body; only these routes accept XML, the app otherwise parses JSON. The bytes are decoded by
 * the Content-Type charset, else the XML declaration's encoding (a Latin-1 file from another modeler), else UTF-8.
 */
async function readXmlBody(req: Request, res: Response): Promise<string> {
  if (!req.is(XML_TYPES)) {
    throw new ValidationError('Send the diagram as BPMN 2.0 XML', [{ field: 'Content-Type', messages: ['must be application/xml or text/xml'] }]);
  }
  await new Promise<void>((resolve, reject) => { xmlBodyParser(req, res, (error?: unknown) => (error ? reject(error) : resolve())); });
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body)) return '';
  const charset = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(req.get('Content-Type') ?? '')?.[1];
  try {
    return decodeDiagram(body, charset);
  } catch (error) {
    if (error instanceof UnsupportedEncodingError) throw new ValidationError('The diagram cannot be read', [{ field: 'source', messages: [error.message] }]);
    throw error;
  }
}

/** X-Change-Note: percent-encoded UTF-8 (headers carry only Latin-1). */
function changeNote(req: Request): string | null {
  const raw = req.get('X-Change-Note');
  if (!raw) return null;
  try {
    return decodeURIComponent(raw).slice(0, 500);
  } catch {
    throw new ValidationError('Invalid change note', [{ field: 'X-Change-Note', messages: ['must be percent-encoded UTF-8'] }]);
  }
}

const OWNERS = ['process-owner'] as const;

export function processRoutes(processes: ProcessService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/processes',
      summary: 'Deployed processes: active version, versions with running instances, suspension, drift from processes/',
      tags: ['processes'],
      response: { description: 'Every process key', type: ProcessSummaryView, isArray: true },
      handler: () => processes.list(),
    }),
    defineRoute({
      method: 'get',
      path: '/processes/:key/versions',
      summary: 'All versions of a process',
      description: 'Versions are immutable and numbered from 1; running instances stay on the version they started with.',
      tags: ['processes'],
      response: { description: 'Versions, oldest first', type: ProcessVersionView, isArray: true },
      errors: { 404: 'No such process' },
      handler: ({ params }) => processes.versions(params.key),
    }),
    defineRoute({
      method: 'get',
      path: '/processes/:key/versions/:version',
      summary: 'One version: its XML and details',
      description: 'Answers the XML itself (application/xml); with `Accept: application/json` the version\'s details with the XML in `xml`.',
      tags: ['processes'],
      response: { description: 'The diagram', type: ProcessVersionSourceView, alternatives: { 'application/xml': { type: 'string', description: 'BPMN 2.0 XML' } } },
      errors: { 400: 'Version is not a number', 404: 'No such process or version' },
      handler: async ({ params, req, res }) => {
        const version = await processes.version(params.key, params.version);
        if (req.accepts(['xml', 'json']) === 'json') return version;
        res.status(200).type('application/xml').send(version.xml);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/processes/:key/versions',
      summary: 'Deploy a new version of a process (it becomes the active one)',
      description: 'Body: the BPMN 2.0 XML (Content-Type application/xml or text/xml; any encoding the XML declares). The '
        + 'executable process id must match the key; the diagram must pass the deployment gate, else 400 '
        + '`invalid_definition` with every issue (`issues`, errors and warnings, each naming its element and line) and '
        + 'nothing changes. Optional header X-Change-Note (percent-encoded UTF-8). Identical XML answers 200 with '
        + '`created: false`. Messages are Chinese with Accept-Language: zh.',
      tags: ['processes'],
      groups: OWNERS,
      rawBody: { contentTypes: XML_TYPES, description: 'The BPMN 2.0 XML of the diagram' },
      response: { status: 201, description: 'The new version and the gate\'s warnings (200 with the existing version for identical XML)', type: ProcessDeployOutcomeView },
      errors: { 400: 'Diagram rejected (invalid_definition with every issue)', 403: 'Not a process owner' },
      handler: async ({ actor, params, req, res }) => {
        const xml = await readXmlBody(req, res);
        const outcome = await processes.deploy(actor, params.key, xml, { locale: localeOf(req.get('Accept-Language')), note: changeNote(req) });
        if (!outcome.created) {
          res.status(200).json(outcome);
          return undefined;
        }
        res.location(`/processes/${encodeURIComponent(params.key)}/versions/${outcome.version}`);
        return outcome;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/processes/:key/validate',
      summary: 'Run the deployment gate without deploying',
      tags: ['processes'],
      groups: OWNERS,
      response: { description: '`ok` when nothing is an error; every issue', type: ProcessValidationView },
      handler: async ({ params, req, res }) => processes.validate(params.key, await readXmlBody(req, res), localeOf(req.get('Accept-Language'))),
    }),
    defineRoute({
      method: 'get',
      path: '/processes/:key/lint-context',
      summary: 'What the gate knows beyond the diagram (handlers, their outputs, roles, start data), for linting in the modeler',
      description: 'Pass the answer to createLintConfig() of src/engine/definitions/lint/rules: the modeler then runs exactly the server\'s rules.',
      tags: ['processes'],
      response: { description: 'The GateContext' },
      handler: ({ params, req }) => processes.lintContext(params.key, localeOf(req.get('Accept-Language'))),
    }),
    defineRoute({
      method: 'post',
      path: '/processes/:key/versions/:version/activate',
      summary: 'Make a deployed version the one new instances start on (rollback or forward); audited',
      tags: ['processes'],
      groups: OWNERS,
      response: { description: 'The process after the change', type: ProcessSummaryView },
      errors: { 400: 'Version is not a number', 404: 'No such process or version' },
      handler: ({ actor, params }) => processes.activate(actor, params.key, params.version),
    }),
    defineRoute({
      method: 'post',
      path: '/processes/:key/suspend',
      summary: 'Suspend new starts (409 process_suspended); running instances continue; audited',
      tags: ['processes'],
      groups: OWNERS,
      response: { description: 'The process after the change', type: ProcessSummaryView },
      errors: { 404: 'No such process' },
      handler: ({ actor, params }) => processes.setSuspended(actor, params.key, true),
    }),
    defineRoute({
      method: 'post',
      path: '/processes/:key/resume',
      summary: 'Resume new starts of a suspended process; audited',
      tags: ['processes'],
      groups: OWNERS,
      response: { description: 'The process after the change', type: ProcessSummaryView },
      errors: { 404: 'No such process' },
      handler: ({ actor, params }) => processes.setSuspended(actor, params.key, false),
    }),
    defineRoute({
      method: 'get',
      path: '/handlers',
      summary: 'Service-task handlers diagrams may call, with the data they read and write',
      tags: ['processes'],
      response: { description: 'Handlers by name', type: HandlerView, isArray: true },
      handler: () => processes.handlers(),
    }),
    defineRoute({
      method: 'get',
      path: '/roles',
      summary: 'Roles usable as candidate groups in diagrams',
      tags: ['processes'],
      response: { description: 'Roles with their Chinese labels', type: RoleView, isArray: true },
      handler: () => processes.roles(),
    }),
  ];
}
