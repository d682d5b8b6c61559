import { ENGINE_ENTITIES } from './engine';

/** Every entity of the application. Each concern adds its own list here. */
export const ALL_ENTITIES: Function[] = [...ENGINE_ENTITIES];

import { IDENTITY_ENTITIES } from './identity';
ALL_ENTITIES.push(...IDENTITY_ENTITIES);
