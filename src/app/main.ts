import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { registerServiceWorker } from './pwa/register-service-worker';
import { createAppRouter } from './router';
import './styles';

const app = createApp(App);
app.use(createPinia());
app.use(createAppRouter());
app.mount('#app');
registerServiceWorker();
