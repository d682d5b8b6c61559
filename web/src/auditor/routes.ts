import { DataAnalysis, DocumentChecked } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { AUDITOR_GROUPS } from '../shared/groups';

/**
 * The auditor's pages (审计/报表), children of the console layout. Each is its own chunk: bpmn-js and echarts
 * load only when their page opens.
 */
export const auditorRoutes: RouteRecordRaw[] = [
  {
    path: 'audit/complaints',
    name: 'audit-complaints',
    component: () => import('./complaints/AuditComplaints.vue'),
    meta: { title: '审计查询', groups: AUDITOR_GROUPS, menu: { order: 60, icon: DocumentChecked } },
  },
  {
    path: 'audit/complaints/:number',
    name: 'audit-dossier',
    component: () => import('./complaints/ComplaintDossier.vue'),
    meta: { title: '投诉档案', groups: AUDITOR_GROUPS },
  },
  {
    path: 'audit/instances/:id',
    name: 'audit-instance',
    component: () => import('./InstanceView.vue'),
    meta: { title: '流程实例审计', groups: AUDITOR_GROUPS },
  },
  {
    path: 'audit/reports',
    name: 'audit-reports',
    component: () => import('./reports/ReportsPage.vue'),
    meta: { title: '统计报表', groups: AUDITOR_GROUPS, menu: { order: 61, icon: DataAnalysis } },
  },
];
