/**
 * The toolbar that appears beside a selected passage: tag it to themes, add a note. Its
 * accessible names are a public contract (screen readers announce them, tests find it by them):
 * a toolbar named "Tag passage", suggested themes as buttons named by their label, a combobox
 * named "Theme" with type-ahead over every theme (Enter tags; an unknown name asks before it
 * creates a theme), a "Note" field, and Escape to close.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { filterThemes } from '../lib/codebook.ts';
import type { Theme } from '../lib/schema.ts';

export interface TagToolbarProps {
  /** The passage as the reader selected it, shown shortened. */
  passage: string;
  /** Themes suggested for the passage, best first. */
  suggestions: Theme[];
  themes: Theme[];
  /** Themes the passage already carries (editing an existing annotation). */
  tagged: string[];
  note: string;
  /** A line for the reader: saving, saved, or what went wrong. */
  message?: { text: string; tone: 'info' | 'error' };
  onTag: (themeId: string, note: string) => void;
  onUntag: (themeId: string) => void;
  onCreateTheme: (label: string, note: string) => void;
  onNote: (note: string) => void;
  onDelete?: () => void;
  onClose: () => void;
  /** Take keyboard focus when shown (the reader opened it with the shortcut). */
  focus?: boolean;
}

export function TagToolbar(props: TagToolbarProps) {
  const { passage, suggestions, themes, tagged, message, onTag, onUntag, onCreateTheme, onClose } = props;
  const [query, setQueryOnly] = useState('');
  const [note, setNote] = useState(props.note);
  const [active, setActive] = useState(0);
  const [confirming, setConfirming] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  // The active option goes back to the first in the same render as the query changes: a later
  // reset would leave it pointing past the end of the shorter list for one render.
  const setQuery = (next: string) => {
    setQueryOnly(next);
    setActive(0);
  };
  const byId = useMemo(() => new Map(themes.map((t) => [t.id, t])), [themes]);
  const options = useMemo(() => (query.trim() ? filterThemes(themes, query) : []), [themes, query]);
  const expanded = options.length > 0;

  useEffect(() => setNote(props.note), [props.note]);
  useEffect(() => {
    if (props.focus) input.current?.focus();
  }, [props.focus]);

  const tag = (theme: Theme) => {
    onTag(theme.id, note);
    setQuery('');
  };

  const onComboKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && expanded) {
      e.preventDefault();
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && expanded) {
      e.preventDefault();
      setActive((a) => (a - 1 + options.length) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const typed = query.trim();
      if (!typed) return;
      const exact = themes.find((t) => t.label.toLowerCase() === typed.toLowerCase());
      const chosen = exact ?? options[active];
      if (chosen) tag(chosen);
      else setConfirming(typed);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    if (confirming) setConfirming(undefined);
    else onClose();
  };

  const shortPassage = passage.length > 90 ? `${passage.slice(0, 87)}…` : passage;

  return (
    <div role="toolbar" aria-label="Tag passage" class="toolbar" onKeyDown={onKeyDown}>
      <p class="passage" title={passage}>
        “{shortPassage}”
      </p>
      {tagged.length > 0 && (
        <ul class="tagged" aria-label="Themes of this passage">
          {tagged.map((id) => (
            <li key={id} class="chip" style={{ '--theme': byId.get(id)?.color ?? '#666' }}>
              <span>{byId.get(id)?.label ?? id}</span>
              <button type="button" aria-label={`Remove theme ${byId.get(id)?.label ?? id}`} onClick={() => onUntag(id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {suggestions.length > 0 && (
        <div class="suggestions" role="group" aria-label="Suggested themes">
          {suggestions.map((theme) => (
            <button
              type="button"
              key={theme.id}
              class="suggestion"
              style={{ '--theme': theme.color }}
              aria-pressed={tagged.includes(theme.id)}
              onClick={() => (tagged.includes(theme.id) ? onUntag(theme.id) : tag(theme))}
            >
              {theme.label}
            </button>
          ))}
        </div>
      )}
      {confirming ? (
        <div class="confirm" role="group" aria-label="New theme">
          <p>
            Create a new theme “{confirming}”?
          </p>
          <button
            type="button"
            autoFocus
            onClick={() => {
              onCreateTheme(confirming, note);
              setConfirming(undefined);
              setQuery('');
            }}
          >
            Create theme
          </button>
          <button type="button" onClick={() => (setConfirming(undefined), input.current?.focus())}>
            Cancel
          </button>
        </div>
      ) : (
        <div class="combo">
          <label for="il-theme">Theme</label>
          <input
            id="il-theme"
            ref={input}
            role="combobox"
            aria-label="Theme"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls="il-theme-options"
            aria-activedescendant={expanded ? `il-option-${options[active]!.id}` : undefined}
            autoComplete="off"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={onComboKey}
          />
          <ul id="il-theme-options" role="listbox" aria-label="Themes" hidden={!expanded}>
            {options.map((theme, i) => (
              <li
                key={theme.id}
                id={`il-option-${theme.id}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => (e.preventDefault(), tag(theme))}
              >
                <span class="swatch" style={{ background: theme.color }} aria-hidden="true" />
                {theme.label}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label class="note">
        Note
        <textarea
          aria-label="Note"
          rows={2}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
          onBlur={() => note !== props.note && props.onNote(note)}
        />
      </label>
      <div class="actions">
        {props.onDelete && (
          <button type="button" onClick={props.onDelete}>
            Delete annotation
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {message && (
        <p role={message.tone === 'error' ? 'alert' : 'status'} class={`message ${message.tone}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
