import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { auditorRoutes } from './auditor/routes';
import { ownerRoutes } from './owner/routes';
import AppLayout from './shared/layout/AppLayout.vue';
import { firstMenuPath } from './shared/layout/menu';
import './shared/router-meta';
import { useAuthStore } from './shared/stores/auth';
import { staffRoutes } from './staff/routes';

/** Routes inside the layout (header + left menu); each area registers its own in <area>/routes.ts. */
export const areaRoutes: RouteRecordRaw[] = [...staffRoutes, ...ownerRoutes, ...auditorRoutes];

export function createConsoleRouter(): Router {
  const router = createRouter({
    history: createWebHistory('/app/'),
    routes: [
      { path: '/login', name: 'login', component: () => import('./shared/pages/LoginPage.vue'), meta: { title: '登录', public: true } },
      {
        path: '/',
        component: AppLayout,
        children: [
          { path: '', name: 'home', component: () => import('./shared/pages/HomePage.vue'), meta: { title: '首页' } },
          ...areaRoutes,
          { path: 'forbidden', name: 'forbidden', component: () => import('./shared/pages/ForbiddenPage.vue'), meta: { title: '无权访问' } },
          { path: ':unknown(.*)*', name: 'not-found', component: () => import('./shared/pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
        ],
      },
    ],
    scrollBehavior: () => ({ top: 0 }),
  });

  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    await auth.restore();
    if (to.meta.public) return to.name === 'login' && auth.isSignedIn ? { path: '/' } : true;
    if (!auth.isSignedIn) return { name: 'login', query: { redirect: to.fullPath } };
    if (to.name === 'home') {
      const first = firstMenuPath(router, auth.groups);
      if (first) return { path: first, replace: true };
    }
    // Every matched record's groups must allow the user (a child cannot widen its parent's).
    const allowed = to.matched.every((record) => auth.hasAnyGroup(record.meta.groups));
    if (!allowed) return { name: 'forbidden', query: { from: to.fullPath }, replace: true };
    return true;
  });

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} - 投诉处理平台` : '投诉处理平台';
  });
  return router;
}
