import { EngineTables1732300000000 } from './1732300000000-EngineTables';

/** Every migration, oldest first. Each concern appends its own. */
export const ALL_MIGRATIONS: Function[] = [EngineTables1732300000000];

import { IdentityTables1732300001000 } from './1732300001000-IdentityTables';
ALL_MIGRATIONS.push(IdentityTables1732300001000);

import { ComplaintTables1732300002000 } from './1732300002000-ComplaintTables';
ALL_MIGRATIONS.push(ComplaintTables1732300002000);

import { PenaltyAndNotificationTables1732300004000 } from './1732300004000-PenaltyAndNotificationTables';
ALL_MIGRATIONS.push(PenaltyAndNotificationTables1732300004000);

import { DepartmentHeads1732300020000 } from './1732300020000-DepartmentHeads';
ALL_MIGRATIONS.push(DepartmentHeads1732300020000);

import { ComplaintOutcomeColumns1732300021000 } from './1732300021000-ComplaintOutcomeColumns';
ALL_MIGRATIONS.push(ComplaintOutcomeColumns1732300021000);

import { TaskPriorityIndex1732300022000 } from './1732300022000-TaskPriorityIndex';
ALL_MIGRATIONS.push(TaskPriorityIndex1732300022000);
