import express, { type Request, type Response } from 'express';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ProcessService } from '../../app/processes/process-service';
import { ValidationError } from '../../domain/errors';
import { defineRoute, RouteDefinition } from '../routes';

// Response bodies (documentation only).

export class ProcessVersionView {
  @IsString() processKey: string;
  @IsInt() version: number;
  @IsString() definitionId: string;
  @IsDate() deployedAt: Date;
  @IsOptional() @IsString() deployedBy: string | null;
  @IsInt() runningInstances: number;
}

export class ProcessSummaryView {
  @IsString() processKey: string;
  @ValidateNested() @Type(() => ProcessVersionView) latest: ProcessVersionView;
  @IsInt() versionCount: number;
  @IsInt() runningInstances: number;
}

export class ProcessVersionSourceView extends ProcessVersionView {
  @IsString() xml: string;
}

export class ProcessDeployOutcomeView {
  @IsBoolean() created: boolean;
  @ValidateNested() @Type(() => ProcessVersionView) version: ProcessVersionView;
}

const XML_TYPES = ['application/xml', 'text/xml'];
const MAX_DIAGRAM = '2mb';
const xmlBodyParser = express.text({ type: XML_TYPES, limit: MAX_DIAGRAM });

/** Reads the raw BPMN XML body; only this route accepts XML, the app otherwise parses JSON. */
async function readXmlBody(req: Request, res: Response): Promise<string> {
  if (!req.is(XML_TYPES)) {
    throw new ValidationError('Send the diagram as BPMN 2.0 XML', [{ field: 'Content-Type', messages: ['must be application/xml or text/xml'] }]);
  }
  await new Promise<void>((resolve, reject) => { xmlBodyParser(req, res, (error?: unknown) => (error ? reject(error) : resolve())); });
  return typeof req.body === 'string' ? req.body : '';
}

const READERS = ['process-owner', 'auditor'] as const;

export function processRoutes(processes: ProcessService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/processes',
      summary: 'Deployed processes with their newest version',
      tags: ['processes'],
      groups: READERS,
      response: { description: 'Every process key, newest version, deployed at/by, running instances', type: ProcessSummaryView, isArray: true },
      handler: () => processes.list(),
    }),
    defineRoute({
      method: 'get',
      path: '/processes/:key/versions',
      summary: 'All versions of a process',
      description: 'Versions are immutable and numbered from 1; running instances stay on the version they started with.',
      tags: ['processes'],
      groups: READERS,
      response: { description: 'Versions, oldest first', type: ProcessVersionView, isArray: true },
      errors: { 404: 'No such process' },
      handler: ({ params }) => processes.versions(params.key),
    }),
    defineRoute({
      method: 'get',
      path: '/processes/:key/versions/:version',
      summary: 'The BPMN XML of one version',
      description: 'Answers the XML itself (application/xml); with `Accept: application/json` the version\'s details with the XML in `xml`.',
      tags: ['processes'],
      groups: READERS,
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
      summary: 'Deploy a new version of a process',
      description: 'Body: the BPMN 2.0 XML (Content-Type application/xml or text/xml). The diagram must parse, pass bpmnlint\'s '
        + 'recommended rules and ours, name only registered handlers and contain no scripts; otherwise 400 with one '
        + '`source:<line>` field per problem and nothing changes. Identical XML answers 200 with the existing version.',
      tags: ['processes'],
      groups: ['process-owner'],
      rawBody: { contentTypes: XML_TYPES, description: 'The BPMN 2.0 XML of the diagram' },
      response: { status: 201, description: 'The new version (200 with the existing version for identical XML)', type: ProcessDeployOutcomeView },
      errors: { 400: 'Diagram rejected (one source:<line> field per problem)', 403: 'Not a process owner' },
      handler: async ({ actor, params, req, res }) => {
        const xml = await readXmlBody(req, res);
        const outcome = await processes.deploy(actor, params.key, xml);
        if (!outcome.created) {
          res.status(200).json(outcome);
          return undefined;
        }
        res.location(`/processes/${encodeURIComponent(params.key)}/versions/${outcome.version.version}`);
        return outcome;
      },
    }),
  ];
}
