import type { FakeDiscord } from '../fakes/discord/fake-discord.js';

/** Member ids of the fake guild used across the Discord tests. */
export const PEOPLE = {
  host: '100000000000000010',
  ana: '100000000000000011',
  bea: '100000000000000012',
  mallory: '100000000000000013',
  manager: '100000000000000014',
};

/** Adds the cast: a host (host role), two participants, a non-host, and an events manager (Manage Events). */
export function addPeople(fake: FakeDiscord): void {
  fake.addMember({ id: PEOPLE.host, username: 'hana', roles: [fake.hostRoleId] });
  fake.addMember({ id: PEOPLE.ana, username: 'ana' });
  fake.addMember({ id: PEOPLE.bea, username: 'bea', nick: 'Bea B.' });
  fake.addMember({ id: PEOPLE.mallory, username: 'mallory' });
  fake.addMember({ id: PEOPLE.manager, username: 'max', roles: [fake.managerRoleId] });
}
