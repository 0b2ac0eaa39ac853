/** The frame of one section: its heading (focused when the section is opened) and its content. */
import type { ReactNode } from 'react';
import type { SectionId } from '../router';

interface ScreenProps {
  readonly id: SectionId;
  readonly title: string;
  readonly children: ReactNode;
}

export function Screen({ id, title, children }: ScreenProps) {
  return (
    <section className="screen" data-testid={`screen-${id}`} aria-labelledby={`screen-${id}-title`}>
      <h1 id={`screen-${id}-title`} className="screen-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
