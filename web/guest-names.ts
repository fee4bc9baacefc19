import type { ChatStore } from '../src/store/chat-store.js';

/**
 * People typed in a console form (names or addresses, comma-separated) as the comma-separated addresses a
 * `users` field holds: a known address stays, a name that exactly one known person goes by becomes their address,
 * and anything else passes on as typed (the Discord adapter does the same), so the guest is planned by name.
 */
export function addressesOfTyped(store: ChatStore, typed: string): string {
  const seen = new Set<string>();
  for (const entry of typed
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    seen.add(isKnownAddress(store, entry) ? entry : (onlyAddressNamed(store, entry.replace(/^@/, '')) ?? entry));
  }
  return [...seen].join(',');
}

/** Addresses as a host reads them in a form: a person's name where that name leads back to them, else the address. */
export function typedOfAddresses(store: ChatStore, addresses: string): string {
  return addresses
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean)
    .map((address) => {
      const name = nameOf(store, address);
      return name && onlyAddressNamed(store, name) === address ? name : address;
    })
    .join(', ');
}

function isKnownAddress(store: ChatStore, entry: string): boolean {
  return store.db.prepare('SELECT 1 FROM participants WHERE user_id = ? LIMIT 1').get(entry) !== undefined;
}

function nameOf(store: ChatStore, address: string): string | undefined {
  const row = store.db
    .prepare('SELECT display_name FROM participants WHERE user_id = ? ORDER BY first_seen_at DESC LIMIT 1')
    .get(address) as { display_name: string } | undefined;
  return row?.display_name;
}

function onlyAddressNamed(store: ChatStore, name: string): string | undefined {
  const rows = store.db
    .prepare('SELECT DISTINCT user_id FROM participants WHERE lower(display_name) = lower(?) LIMIT 2')
    .all(name) as { user_id: string }[];
  return rows.length === 1 ? rows[0]!.user_id : undefined;
}
