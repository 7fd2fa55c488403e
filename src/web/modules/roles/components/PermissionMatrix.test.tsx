import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PermissionMatrix as Matrix } from '../../../../shared/permissions';
import { renderWithMantine } from '../../../test/render';
import type { Catalog } from '../api';
import { PermissionMatrix } from './PermissionMatrix';

const catalog: Catalog = {
  actions: ['view', 'create', 'edit', 'delete', 'approve', 'configure'],
  scopes: ['own', 'department', 'all'],
  areas: ['partnerships', 'partners', 'management', 'finance', 'admin'],
  modules: [
    {
      key: 'partners',
      label: 'Partners',
      area: 'partnerships',
      actions: ['view', 'create', 'edit', 'delete'],
      scoped: true,
    },
    {
      key: 'events',
      label: 'Events',
      area: 'partnerships',
      actions: ['view', 'create', 'edit', 'delete'],
      scoped: false,
    },
    { key: 'audit', label: 'Audit log', area: 'admin', actions: ['view'], scoped: false },
  ],
};

function Editor({ initial, readOnly }: { initial: Matrix; readOnly?: boolean }) {
  const [value, setValue] = useState<Matrix>(initial);
  return (
    <>
      <PermissionMatrix catalog={catalog} value={value} onChange={setValue} readOnly={readOnly} />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
  );
}

describe('PermissionMatrix', () => {
  it('offers a box only for actions the module has, grouped by area', () => {
    renderWithMantine(<Editor initial={{}} />);
    expect(screen.getByText('Partnerships')).toBeTruthy();
    expect(screen.getByText('Admin')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Events: delete' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Events: approve' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Audit log: create' })).toBeNull();
  });

  it('grants view with create, and enables the scope once something is granted', () => {
    renderWithMantine(<Editor initial={{}} />);
    const scope = screen.getByRole('combobox', { name: 'Partners: scope' }) as HTMLSelectElement;
    expect(scope.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Partners: create' }));
    expect((screen.getByRole('checkbox', { name: 'Partners: view' }) as HTMLInputElement).checked).toBe(true);
    expect(scope.disabled).toBe(false);
    fireEvent.change(scope, { target: { value: 'own' } });
    expect(JSON.parse(screen.getByTestId('value').textContent!)).toEqual({
      partners: { actions: ['view', 'create'], scope: 'own' },
    });
  });

  it('offers no scope for a module without record scope: granted, it is all of it', () => {
    renderWithMantine(<Editor initial={{}} />);
    expect(screen.queryByRole('combobox', { name: 'Events: scope' })).toBeNull();
    expect(screen.getByTestId('events-scope').textContent).toBe('·');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Events: view' }));
    expect(screen.getByTestId('events-scope').textContent).toBe('All records');
  });

  it('is read-only for a role that may not edit roles', () => {
    renderWithMantine(<Editor initial={{ audit: { actions: ['view'], scope: 'all' } }} readOnly />);
    const box = screen.getByRole('checkbox', { name: 'Audit log: view' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Grant all' })).toBeNull();
  });
});
