import { EditPen, List, Money, Search, Wallet } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { REGISTRAR_GROUPS, STAFF_GROUPS } from '../shared/groups';
import { PAYROLL_READER_GROUPS } from './payroll';

/** The staff workspace: inbox, task handling, registration, search and penalty cases (children of the console layout). */
export const staffRoutes: RouteRecordRaw[] = [
  {
    path: 'inbox',
    name: 'inbox',
    component: () => import('./pages/InboxPage.vue'),
    meta: { title: '我的待办', groups: STAFF_GROUPS, menu: { order: 10, icon: List } },
  },
  {
    path: 'tasks/:id',
    name: 'task',
    component: () => import('./pages/TaskPage.vue'),
    meta: { title: '任务处理', groups: [...STAFF_GROUPS, 'auditor'] },
  },
  {
    path: 'complaints/new',
    name: 'register',
    component: () => import('./pages/RegisterPage.vue'),
    meta: { title: '登记投诉', groups: REGISTRAR_GROUPS, menu: { order: 20, icon: EditPen } },
  },
  {
    path: 'complaints',
    name: 'complaints',
    component: () => import('./pages/SearchPage.vue'),
    meta: { title: '投诉查询', groups: STAFF_GROUPS, menu: { order: 30, icon: Search } },
  },
  {
    path: 'complaints/:number',
    name: 'complaint',
    component: () => import('./pages/ComplaintPage.vue'),
    meta: { title: '投诉详情', groups: [...STAFF_GROUPS, 'auditor', 'process-owner'] },
  },
  {
    path: 'penalties',
    name: 'penalties',
    component: () => import('./pages/PenaltiesPage.vue'),
    meta: { title: '处罚与免责', groups: STAFF_GROUPS, menu: { order: 40, icon: Money } },
  },
  {
    path: 'penalties/:id',
    name: 'penalty',
    component: () => import('./pages/PenaltyPage.vue'),
    meta: { title: '处罚案件', groups: [...STAFF_GROUPS, 'auditor'] },
  },
  {
    path: 'payroll',
    name: 'payroll',
    component: () => import('./pages/PayrollPage.vue'),
    meta: { title: '绩效扣罚与返还', groups: PAYROLL_READER_GROUPS, menu: { order: 50, icon: Wallet } },
  },
];
