import type { RouteRecordRaw } from 'vue-router';

/**
 * Pages of process owners (流程管理), children of the console layout. Give each page `meta.groups`
 * (e.g. PROCESS_OWNER_GROUPS from ../shared/groups) and a `meta.menu` entry to show it in the left menu;
 * load pages lazily (`component: () => import('./…Page.vue')`) so the modeler stays out of the first load.
 */
export const ownerRoutes: RouteRecordRaw[] = [];
