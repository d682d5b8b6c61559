import { EngineTables1732300000000 } from './1732300000000-EngineTables';

/** Every migration, oldest first. Each concern appends its own. */
export const ALL_MIGRATIONS: Function[] = [EngineTables1732300000000];

import { IdentityTables1732300001000 } from './1732300001000-IdentityTables';
ALL_MIGRATIONS.push(IdentityTables1732300001000);

import { ComplaintTables1732300002000 } from './1732300002000-ComplaintTables';
ALL_MIGRATIONS.push(ComplaintTables1732300002000);

import { PenaltyAndNotificationTables1732300004000 } from './1732300004000-PenaltyAndNotificationTables';
ALL_MIGRATIONS.push(PenaltyAndNotificationTables1732300004000);

import { ConsoleSignIn1732300010000 } from './1732300010000-ConsoleSignIn';
ALL_MIGRATIONS.push(ConsoleSignIn1732300010000);

import { ComplaintSearchIndexes1732300011000 } from './1732300011000-ComplaintSearchIndexes';
ALL_MIGRATIONS.push(ComplaintSearchIndexes1732300011000);

import { StaffInbox1732300012000 } from './1732300012000-StaffInbox';
ALL_MIGRATIONS.push(StaffInbox1732300012000);

import { DepartmentHeads1732300020000 } from './1732300020000-DepartmentHeads';
ALL_MIGRATIONS.push(DepartmentHeads1732300020000);

import { ComplaintOutcomeColumns1732300021000 } from './1732300021000-ComplaintOutcomeColumns';
ALL_MIGRATIONS.push(ComplaintOutcomeColumns1732300021000);

import { TaskPriorityIndex1732300022000 } from './1732300022000-TaskPriorityIndex';
ALL_MIGRATIONS.push(TaskPriorityIndex1732300022000);

import { PenaltyDuplicateGuards1732300030000 } from './1732300030000-PenaltyDuplicateGuards';
ALL_MIGRATIONS.push(PenaltyDuplicateGuards1732300030000);

import { MoneyAsBigint1732300031000 } from './1732300031000-MoneyAsBigint';
ALL_MIGRATIONS.push(MoneyAsBigint1732300031000);

import { ProcessLifecycle1732300050000 } from './1732300050000-ProcessLifecycle';
ALL_MIGRATIONS.push(ProcessLifecycle1732300050000);

import { IncidentOperation1732300051000 } from './1732300051000-IncidentOperation';
ALL_MIGRATIONS.push(IncidentOperation1732300051000);

import { AuditEvidenceTables1732300060000 } from './1732300060000-AuditEvidenceTables';
ALL_MIGRATIONS.push(AuditEvidenceTables1732300060000);

import { ComplaintReportGroup1732300061000 } from './1732300061000-ComplaintReportGroup';
ALL_MIGRATIONS.push(ComplaintReportGroup1732300061000);

import { IdentityGeneration1732300070000 } from './1732300070000-IdentityGeneration';
ALL_MIGRATIONS.push(IdentityGeneration1732300070000);

import { PenaltyOutageStatement1732300080000 } from './1732300080000-PenaltyOutageStatement';
ALL_MIGRATIONS.push(PenaltyOutageStatement1732300080000);

import { NumberHolds1732300090000 } from './1732300090000-NumberHolds';
ALL_MIGRATIONS.push(NumberHolds1732300090000);

import { AuditRequestId1732300091000 } from './1732300091000-AuditRequestId';
ALL_MIGRATIONS.push(AuditRequestId1732300091000);

import { BackfillTaskPriority1732300092000 } from './1732300092000-BackfillTaskPriority';
ALL_MIGRATIONS.push(BackfillTaskPriority1732300092000);

import { ComplaintListIndexes1732300100000 } from './1732300100000-ComplaintListIndexes';
ALL_MIGRATIONS.push(ComplaintListIndexes1732300100000);

import { InboxPenaltyLink1732300110000 } from './1732300110000-InboxPenaltyLink';
ALL_MIGRATIONS.push(InboxPenaltyLink1732300110000);

import { InboxInstanceIndex1732300120000 } from './1732300120000-InboxInstanceIndex';
ALL_MIGRATIONS.push(InboxInstanceIndex1732300120000);
