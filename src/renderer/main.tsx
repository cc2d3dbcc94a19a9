import { render } from 'preact';
import { bridgeFromWire, type WireBridge } from '../shared/wire';
import { App } from './App';
import { indexLines } from './list-model/keyed-lines';
import './styles.css';

declare global {
  interface Window {
    /** Exposed by the preload: the contract, with state as JSON text (shared/wire.ts). */
    flashback?: WireBridge;
  }
}

const root = document.getElementById('app')!;
if (window.flashback) render(<App bridge={bridgeFromWire(window.flashback, undefined, indexLines)} />, root);
else root.textContent = 'Flashback Tray could not connect to its main process.';
