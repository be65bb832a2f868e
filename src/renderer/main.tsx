import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ApiClient } from './app/api-client';
import { resolveConnection } from './app/connection';
import { NoToken } from './app/NoToken';
import { useDashboard } from './stores/store';
import './styles.css';
import './debugger.css';

const connection = resolveConnection();
const client = connection ? new ApiClient(connection) : null;
// Ask for the first timeline page before React renders anything: it is what the user waits for.
if (client) void useDashboard.getState().init(client);
const root = createRoot(document.getElementById('root')!);
root.render(client ? <App /> : <NoToken />);
