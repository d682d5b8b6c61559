import { ValidationError } from '../../domain';
import { ServiceHandler } from '../../engine/handlers/registry';
import { ComplaintRepository } from '../../persistence/repositories/complaint-repository';
import { isKnownReportGroup, ReportGroupConfig } from './report-groups';

/** Name of the form option source a dispatch form's `reportGroup` field takes its choices from. */
export const REPORT_GROUP_OPTIONS = 'report-groups';

/** Every place of 表四 a complaint can be counted in: `group` for groups without items, else `group.item`. */
export function reportGroupOptions(config: ReportGroupConfig): Array<{ id: string; name: string }> {
  return config.groups.flatMap((group) => (group.items && group.items.length > 0
    ? group.items.map((item) => ({ id: `${group.key}.${item.key}`, name: `${group.label}／${item.label}` }))
    : [{ id: group.key, name: group.label }]));
}

/**
 * Adds to the dispatch step: the 表四 group the dispatcher chose (`reportGroup` of the form) is stored on the
 * complaint in the same transaction. Without a choice the category mapping of the statistics decides.
 */
export function storeReportGroupOnDispatch(config: ReportGroupConfig): (inner: ServiceHandler) => ServiceHandler {
  return (inner) => async (call) => {
    const chosen = call.data.reportGroup;
    const reportGroup = typeof chosen === 'string' && chosen !== '' ? chosen : null;
    if (reportGroup !== null && !isKnownReportGroup(config, reportGroup)) {
      throw new ValidationError('Choose a group of the statistics table (表四)', [
        { field: 'reportGroup', messages: [`must be one of ${reportGroupOptions(config).map((o) => o.id).join(', ')}`] },
      ]);
    }
    const result = await inner(call);
    if (reportGroup !== null) {
      const repository = new ComplaintRepository(call.manager);
      const complaint = await repository.byNumber(String(call.data.complaintNumber ?? ''));
      if (complaint) await repository.update(complaint.id, { reportGroup }, call.now);
    }
    return result;
  };
}
