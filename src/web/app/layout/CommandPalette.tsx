/** Ctrl/Cmd+K: jump to any page the user may open, or find a user by name. */
import { useEffect, useMemo, useState } from 'react';
import { createSpotlight, Spotlight, type SpotlightActionGroupData } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLogout, IconSearch, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { can } from '../../../shared/permissions';
import { useAuth, useUser } from '../auth';
import { AREA_LABELS, openablePages } from '../pages';
import { usersApi } from '../../modules/users/api';

/** The palette's own store, so the header button and the shortcut open the same instance. */
export const [paletteStore, palette] = createSpotlight();

/**
 * Spotlight highlights the first result when the query changes; user results arrive a moment later, so
 * highlight the first one then (unless the user already moved the highlight), and Enter opens it.
 */
function highlightFirstWhenNoneIs(): void {
  const list = document.getElementById(paletteStore.getState().listId);
  if (!list || list.querySelector('[data-selected]')) return;
  const first = list.querySelector('[data-action]');
  if (!first) return;
  first.setAttribute('data-selected', 'true');
  paletteStore.updateState((s) => ({ ...s, selected: 0 }));
}

export function CommandPalette() {
  const user = useUser();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const mayViewUsers = can(user.permissions, 'users.view');
  const userSearch = useQuery({
    queryKey: ['users', 'palette', debounced],
    queryFn: ({ signal }) => usersApi.list({ q: debounced, limit: 6, sort: 'name' }, signal),
    enabled: mayViewUsers && debounced.length >= 2,
    staleTime: 10_000,
  });

  const found = debounced.length >= 2 ? userSearch.data?.items : undefined;
  useEffect(() => {
    if (found?.length) highlightFirstWhenNoneIs();
  }, [found]);

  const actions = useMemo(() => {
    const groups: SpotlightActionGroupData[] = [];
    const pages = openablePages(user);
    const pageGroup = (label: string, filter: (g: string) => boolean) => ({
      group: label,
      actions: pages
        .filter((p) => filter(p.group))
        .map((p) => ({
          id: `page:${p.key}`,
          label: p.label,
          description: p.description,
          keywords: p.keywords,
          leftSection: <p.icon size={20} stroke={1.6} />,
          onClick: () => void navigate(p.path),
        })),
    });
    groups.push(pageGroup('Pages', (g) => g === 'home' || g in AREA_LABELS));
    groups.push(pageGroup('Your account', (g) => g === 'account'));
    if (found?.length) {
      groups.push({
        group: 'Users',
        actions: found.map((u) => ({
          id: `user:${u.id}`,
          label: u.name,
          description: `${u.email} · ${u.roleName}`,
          // The server matched the query; make sure the local filter keeps the result.
          keywords: [debounced, u.email],
          leftSection: <IconUser size={20} stroke={1.6} />,
          onClick: () => void navigate(`/admin/users?q=${encodeURIComponent(u.email)}`),
        })),
      });
    }
    groups.push({
      group: 'Session',
      actions: [
        {
          id: 'sign-out',
          label: 'Sign out',
          keywords: ['log out', 'logout', 'exit'],
          leftSection: <IconLogout size={20} stroke={1.6} />,
          onClick: () => void signOut(),
        },
      ],
    });
    return groups.filter((g) => g.actions.length > 0);
  }, [user, navigate, signOut, debounced, found]);

  return (
    <Spotlight
      store={paletteStore}
      actions={actions}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      // Ctrl/Cmd+K works from anywhere, also while typing in a field.
      tagsToIgnore={[]}
      nothingFound={userSearch.isFetching ? 'Searching…' : 'Nothing found'}
      highlightQuery
      centered={false}
      yOffset="12vh"
      scrollable
      maxHeight={420}
      limit={40}
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.6} />,
        placeholder: mayViewUsers ? 'Jump to a page or find a user…' : 'Jump to a page…',
        'aria-label': 'Search pages and users',
      }}
    />
  );
}
