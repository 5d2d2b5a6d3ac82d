import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { followSystemColorScheme } from './pwa/color-scheme';
import { listenForInstallOffer } from './pwa/install';
import { registerServiceWorker } from './pwa/register-service-worker';
import { createAppRouter } from './router';
import './styles';

followSystemColorScheme();
listenForInstallOffer();
const app = createApp(App);
app.use(createPinia());
app.use(createAppRouter());
app.mount('#app');
registerServiceWorker();
