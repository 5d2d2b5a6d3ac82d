/**
 * The DSFR stylesheets of the app shell, one by one (not the whole DSFR
 * bundle), to keep the initial CSS small. A component used by one screen only
 * imports its DSFR stylesheet itself, so it loads with that screen (tag,
 * checkbox: caseload; segmented, breadcrumb: bilan and contract; radio:
 * solution picker; upload: device data).
 */
import '@gouvfr/dsfr/dist/core/core.main.min.css';
import '@gouvfr/dsfr/dist/scheme/scheme.min.css';
import '@gouvfr/dsfr/dist/component/link/link.main.min.css';
import '@gouvfr/dsfr/dist/component/button/button.main.min.css';
import '@gouvfr/dsfr/dist/component/logo/logo.main.min.css';
import '@gouvfr/dsfr/dist/component/header/header.main.min.css';
import '@gouvfr/dsfr/dist/component/navigation/navigation.main.min.css';
import '@gouvfr/dsfr/dist/component/form/form.main.min.css';
import '@gouvfr/dsfr/dist/component/input/input.main.min.css';
import '@gouvfr/dsfr/dist/component/select/select.main.min.css';
import '@gouvfr/dsfr/dist/component/alert/alert.main.min.css';
import '@gouvfr/dsfr/dist/component/badge/badge.main.min.css';
import '@gouvfr/dsfr/dist/component/table/table.main.min.css';
import '@gouvfr/dsfr/dist/component/search/search.main.min.css';
import '@gouvfr/dsfr/dist/component/notice/notice.main.min.css';
import '@gouvfr/dsfr/dist/component/callout/callout.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-system/icons-system.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-arrows/icons-arrows.min.css';
import '@gouvminint/vue-dsfr/styles';
import './app.css';
