import type { Component } from 'vue';
import type { RouteRecordNormalized, Router } from 'vue-router';
import { inAnyGroup } from '../groups';

export interface MenuEntry {
  path: string;
  label: string;
  icon?: Component;
  order: number;
}

/** Menu entries the user may see: routes with `meta.menu` whose groups include one of the user's. */
export function menuEntries(router: Router, userGroups: readonly string[]): MenuEntry[] {
  return router.getRoutes()
    .filter((route) => route.meta.menu && !route.path.includes(':') && visibleFor(route, userGroups))
    .map((route) => ({
      path: route.path,
      label: route.meta.menu?.label ?? route.meta.title ?? route.path,
      icon: route.meta.menu?.icon,
      order: route.meta.menu?.order ?? 100,
    }))
    .sort((a, b) => a.order - b.order);
}

export function firstMenuPath(router: Router, userGroups: readonly string[]): string | undefined {
  return menuEntries(router, userGroups)[0]?.path;
}

function visibleFor(route: RouteRecordNormalized, userGroups: readonly string[]): boolean {
  return inAnyGroup(userGroups, route.meta.groups);
}
