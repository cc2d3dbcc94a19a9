import { render } from 'preact';
import type { FlashbackBridge } from '../shared/contract';
import { App } from './App';
import './styles.css';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or by the preview page. */
    flashback?: FlashbackBridge;
  }
}

const root = document.getElementById('app')!;
if (window.flashback) render(<App bridge={window.flashback} />, root);
else root.textContent = 'Flashback Tray could not connect to its main process.';
