import { ENGINE_ENTITIES } from './engine';

/** Every entity of the application. Each concern adds its own list here. */
export const ALL_ENTITIES: Function[] = [...ENGINE_ENTITIES];

import { IDENTITY_ENTITIES } from './identity';
ALL_ENTITIES.push(...IDENTITY_ENTITIES);

import { COMPLAINT_ENTITIES } from './complaint';
ALL_ENTITIES.push(...COMPLAINT_ENTITIES);

import { PENALTY_ENTITIES } from './penalties';
ALL_ENTITIES.push(...PENALTY_ENTITIES);
import { NOTIFICATION_ENTITIES } from './notifications';
ALL_ENTITIES.push(...NOTIFICATION_ENTITIES);
import { STAFF_ENTITIES } from './staff';
ALL_ENTITIES.push(...STAFF_ENTITIES);
