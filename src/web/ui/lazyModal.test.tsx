import { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { lazyModal } from './lazyModal';

function Dialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <div role="dialog" data-opened={opened}>
      <button onClick={onClose}>Close</button>
    </div>
  );
}

function Page({
  LazyDialog,
}: {
  LazyDialog: ReturnType<typeof lazyModal<{ opened: boolean; onClose: () => void }>>;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button onClick={() => setOpened(true)}>Open</button>
      <LazyDialog opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

describe('lazyModal', () => {
  it('loads the modal only when it first opens, and keeps it mounted once closed', async () => {
    let loads = 0;
    const LazyDialog = lazyModal(async () => {
      loads += 1;
      return Dialog;
    });
    render(<Page LazyDialog={LazyDialog} />);
    expect(loads).toBe(0);
    expect(screen.queryByRole('dialog')).toBeNull();

    await act(async () => fireEvent.click(screen.getByText('Open')));
    expect(await screen.findByRole('dialog')).toHaveProperty('dataset.opened', 'true');
    expect(loads).toBe(1);

    await act(async () => fireEvent.click(screen.getByText('Close')));
    // Still there, closed: the real modal plays its closing transition instead of vanishing.
    expect(screen.getByRole('dialog').dataset.opened).toBe('false');

    await act(async () => fireEvent.click(screen.getByText('Open')));
    expect(screen.getByRole('dialog').dataset.opened).toBe('true');
    expect(loads).toBe(1);
  });
});
