import { ENGINE_ENTITIES } from './engine';

/** Every entity of the application. Each concern adds its own list here. */
export const ALL_ENTITIES: Function[] = [...ENGINE_ENTITIES];
