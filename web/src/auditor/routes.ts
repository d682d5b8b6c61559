import type { RouteRecordRaw } from 'vue-router';

/**
 * Pages of auditors (审计/报表), children of the console layout. Give each page `meta.groups`
 * (e.g. AUDITOR_GROUPS from ../shared/groups) and a `meta.menu` entry to show it in the left menu;
 * load pages lazily (`component: () => import('./…Page.vue')`).
 */
export const auditorRoutes: RouteRecordRaw[] = [];
