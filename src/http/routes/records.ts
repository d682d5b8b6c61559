import type { Response } from 'express';
import { PrintedRecord, RecordsService } from '../../app/records/records-service';
import { defineRoute, RouteDefinition } from '../routes';

const PDF_ERRORS = { 403: 'Neither an auditor nor a member of the department concerned', 404: 'No such record' };

export function sendPdf(res: Response, file: Pick<PrintedRecord, 'fileName' | 'chineseName' | 'pdf'>, inline = true): undefined {
  res.status(200).type('application/pdf')
    .setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.chineseName)}`)
    .setHeader('Cache-Control', 'no-store')
    .send(file.pdf);
  return undefined;
}

const pdfResponse = (description: string) => ({ description: `${description} (application/pdf)` });

export function recordRoutes(records: RecordsService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/complaints/:number/forms/registration.pdf',
      summary: '客户投诉/建议信息登记处理单 (R/G095-1) as PDF',
      description: 'Filled from the complaint record and its audit trail; the signature boxes name who confirmed each step, when, and the audit row.',
      tags: ['records'],
      response: pdfResponse('The form'),
      errors: PDF_ERRORS,
      handler: async ({ actor, params, res }) => sendPdf(res, await records.registrationForm(actor, params.number)),
    }),
    defineRoute({
      method: 'get',
      path: '/complaints/:number/forms/capa.pdf',
      summary: '纠正和预防措施记录表 (R/G095-2) as PDF',
      tags: ['records'],
      response: pdfResponse('The form'),
      errors: PDF_ERRORS,
      handler: async ({ actor, params, res }) => sendPdf(res, await records.capaForm(actor, params.number)),
    }),
    defineRoute({
      method: 'get',
      path: '/penalties/:id/notice.pdf',
      summary: '客户投诉处罚通知单 (R/G095-3) as PDF',
      tags: ['records'],
      response: pdfResponse('The notice'),
      errors: PDF_ERRORS,
      handler: async ({ actor, params, res }) => sendPdf(res, await records.penaltyNotice(actor, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/penalties/:id/exemptions/:exemptionId/form.pdf',
      summary: '免责申诉单 (R/G095-4) as PDF',
      tags: ['records'],
      response: pdfResponse('The form'),
      errors: PDF_ERRORS,
      handler: async ({ actor, params, res }) => sendPdf(res, await records.exemptionForm(actor, params.exemptionId, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/exemptions/:id/form.pdf',
      summary: '免责申诉单 (R/G095-4) as PDF, by exemption id',
      tags: ['records'],
      response: pdfResponse('The form'),
      errors: PDF_ERRORS,
      handler: async ({ actor, params, res }) => sendPdf(res, await records.exemptionForm(actor, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/complaints/:number/dossier.pdf',
      summary: 'Complaint dossier (客户投诉档案) as PDF',
      description: 'Cover with the key facts, the forms R/G095-1 … 4 of the complaint, its penalties and exemptions, the timeline of every '
        + 'process from the audit trail, the verification of each audit chain with the latest daily anchor, and its fine ledger lines.',
      tags: ['records'],
      response: pdfResponse('The dossier'),
      errors: PDF_ERRORS,
      handler: async ({ actor, params, res }) => sendPdf(res, await records.dossier(actor, params.number), false),
    }),
  ];
}
