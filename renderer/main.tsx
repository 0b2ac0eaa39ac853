import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('Matterline: the #root element is missing from index.html.');

// First open lands on Preflight. Only an empty hash is rewritten: the bridge may carry #token=….
if (window.location.hash === '' || window.location.hash === '#') {
  window.history.replaceState(null, '', '#/preflight');
}

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
