import type { ComponentChildren } from 'preact';

interface SwitchProps {
  id: string;
  /** The accessible name: exactly what the label says. */
  label: ComponentChildren;
  checked: boolean;
  disabled?: boolean;
  describedBy?: string;
  onToggle: (checked: boolean) => void;
}

/** A checkbox announced as a switch ("on"/"off"), drawn as one. */
export function Switch({ id, label, checked, disabled, describedBy, onToggle }: SwitchProps) {
  return (
    <span class="switch">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        aria-checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onToggle(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
    </span>
  );
}
