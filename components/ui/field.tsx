import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { cn } from './cn';

export function Label({ htmlFor, children, className }: { htmlFor: string; children: ReactNode; className?: string }) {
  return (
    <label htmlFor={htmlFor} className={cn('block text-sm font-medium text-slate-800', className)}>
      {children}
    </label>
  );
}

interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * A labelled form control with an optional hint and inline error. It wires id, aria-invalid and
 * aria-describedby onto its only child so screen readers announce the error with the field.
 */
export function Field({
  label,
  hint,
  errors,
  children,
  className,
}: {
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactElement<ControlProps>;
  className?: string;
}) {
  const generated = useId();
  const id = (isValidElement(children) && children.props.id) || generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = cloneElement(children, {
    id,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': describedBy,
  });
  return (
    <div className={cn('space-y-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {control}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="text-xs font-medium text-red-600">
          {errors?.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
