import { Connection, Warning } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { PROCESS_OWNER_GROUPS } from '../shared/groups';

/**
 * Pages of process owners (流程管理), children of the console layout. Every page is loaded lazily: the modeler
 * (bpmn-js, properties panel, lint rules) is only fetched when a process owner opens it.
 */
export const ownerRoutes: RouteRecordRaw[] = [
  {
    path: 'processes',
    name: 'owner-processes',
    component: () => import('./pages/ProcessListPage.vue'),
    meta: { title: '流程管理', groups: PROCESS_OWNER_GROUPS, menu: { order: 50, icon: Connection } },
  },
  {
    path: 'processes/:key/model',
    name: 'owner-modeler',
    component: () => import('./pages/ModelerPage.vue'),
    meta: { title: '流程建模', groups: PROCESS_OWNER_GROUPS },
  },
  {
    path: 'processes/:key/instances',
    name: 'owner-instances',
    component: () => import('./pages/InstancesPage.vue'),
    meta: { title: '运行中的实例', groups: PROCESS_OWNER_GROUPS },
  },
  {
    path: 'processes/:key/start',
    name: 'owner-start',
    component: () => import('./pages/StartProcessPage.vue'),
    meta: { title: '发起流程', groups: PROCESS_OWNER_GROUPS },
  },
  {
    path: 'incidents',
    name: 'owner-incidents',
    component: () => import('./pages/IncidentsPage.vue'),
    meta: { title: '流程异常', groups: PROCESS_OWNER_GROUPS, menu: { order: 55, icon: Warning } },
  },
];

