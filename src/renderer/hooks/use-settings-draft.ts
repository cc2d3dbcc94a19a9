import { useMemo, useRef, useState } from 'preact/hooks';
import type { CommandResult, Settings, SettingsPatch } from '../../shared/contract';
import { applySettingsPatch } from '../../shared/settings-patch';

type Update = (patch: SettingsPatch) => Promise<CommandResult<Settings>>;

/**
 * The settings as the user just set them: a change shows at once, and stays shown while main
 * saves it, whatever else redraws the view meanwhile (a status change from a poll, a clock
 * tick). Main's answer ends the draft: taken, main's state already carries the change; refused,
 * the setting shows what main kept.
 */
export function useSettingsDraft(settings: Settings, update: Update): [Settings, Update] {
  const [drafts, setDrafts] = useState<ReadonlyArray<{ id: number; patch: SettingsPatch }>>([]);
  const next = useRef(0);
  const shown = useMemo(() => drafts.reduce((result, draft) => applySettingsPatch(result, draft.patch), settings), [settings, drafts]);
  const apply = async (patch: SettingsPatch) => {
    const id = ++next.current;
    setDrafts((list) => [...list, { id, patch }]);
    try {
      return await update(patch);
    } finally {
      setDrafts((list) => list.filter((draft) => draft.id !== id));
    }
  };
  return [shown, apply];
}
