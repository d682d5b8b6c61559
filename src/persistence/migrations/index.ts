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
import { ProcessLifecycle1732300050000 } from './1732300050000-ProcessLifecycle';
ALL_MIGRATIONS.push(ProcessLifecycle1732300050000);

import { IncidentOperation1732300051000 } from './1732300051000-IncidentOperation';
ALL_MIGRATIONS.push(IncidentOperation1732300051000);

import { ComplaintSearchIndexes1732300011000 } from './1732300011000-ComplaintSearchIndexes';
ALL_MIGRATIONS.push(ComplaintSearchIndexes1732300011000);

import { StaffInbox1732300012000 } from './1732300012000-StaffInbox';
ALL_MIGRATIONS.push(StaffInbox1732300012000);
