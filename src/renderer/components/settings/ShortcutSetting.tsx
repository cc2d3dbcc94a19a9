import { useState } from 'preact/hooks';
import { focusOnMount } from '../../focus';
import { recordAccelerator } from '../../../shared/accelerator';

interface ShortcutSettingProps {
  value: string;
  /** Saves it (main validates it again); the refusal's words, if any, come back. */
  save(accelerator: string): Promise<string | undefined>;
}

const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.userAgent);

/** Shows an accelerator with the platform's key names: "Ctrl+Shift+B", "⌘⇧B" on a Mac. */
function readableShortcut(accelerator: string): string {
  if (!accelerator) return 'None';
  if (!mac) return accelerator.replace('CommandOrControl', 'Ctrl').replace('CmdOrCtrl', 'Ctrl');
  return accelerator.replace(/(CommandOrControl|CmdOrCtrl|Command|Cmd)\+/, '⌘').replace('Control+', '⌃').replace(/(Alt|Option)\+/, '⌥').replace('Shift+', '⇧');
}

/**
 * The global shortcut as a key recorder: Record, press the keys, see the shortcut (saved at
 * once), or read why those keys cannot be one. Esc cancels; Clear removes the shortcut.
 */
export function ShortcutSetting({ value, save }: ShortcutSettingProps) {
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const stop = () => setRecording(false);
  async function keep(accelerator: string) {
    setRecording(false);
    setProblem(await save(accelerator));
  }
  return (
    <div class="shortcut" role="group" aria-labelledby="shortcut-label">
      <span id="shortcut-label">Keyboard shortcut to open</span>
      <div class="shortcut-row">
        {recording ? (
          <button
            type="button"
            class="shortcut-keys recording"
            aria-describedby="shortcut-hint"
            ref={focusOnMount}
            onBlur={stop}
            onKeyDown={(event) => {
              event.preventDefault();
              event.stopPropagation();
              if (event.key === 'Escape') return stop();
              const result = recordAccelerator(event, mac);
              if ('accelerator' in result) void keep(result.accelerator);
              else if ('problem' in result) setProblem(result.problem);
            }}
          >
            Press the keys…
          </button>
        ) : (
          <kbd class="shortcut-keys" aria-label={`Current shortcut: ${readableShortcut(value)}`} title={value || 'No shortcut'}>
            {readableShortcut(value)}
          </kbd>
        )}
        <button
          type="button"
          onClick={() => {
            setProblem(undefined);
            setRecording(true);
          }}
          disabled={recording}
        >
          {value ? 'Change…' : 'Record…'}
        </button>
        {value ? (
          <button type="button" onClick={() => void keep('')}>
            Clear
          </button>
        ) : null}
      </div>
      <p id="shortcut-hint" class="muted small">
        {recording ? 'Hold Ctrl, Alt, Shift or ⌘ and press a key; Esc cancels.' : 'Opens Flashback Tray from any app.'}
      </p>
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
