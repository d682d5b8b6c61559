import { provideGlobalConfig } from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
// The components a page uses come with their own style sheets (vite.config.mts); the messages and confirmations the
// pages open from code need theirs here.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createConsoleRouter } from './router';
import { setUnauthorizedHandler } from './shared/api/client';
import { useAuthStore } from './shared/stores/auth';
import './shared/layout/global.css';

const app = createApp(App);
const pinia = createPinia();
const router = createConsoleRouter();
app.use(pinia);
app.use(router);
// Chinese for the components, and for the messages and confirmations opened outside any component's tree too.
provideGlobalConfig({ locale: zhCn }, app, true);

// A 401 on any call means the session ended (expired, logged out elsewhere): back to the sign-in page.
setUnauthorizedHandler(() => {
  const auth = useAuthStore(pinia);
  auth.forget();
  const current = router.currentRoute.value;
  if (current.name !== 'login') void router.push({ name: 'login', query: { redirect: current.fullPath } });
});

app.mount('#app');
