import type { IamAccessKeyRecord, IamStore } from '../store/index.js';
import { iamArn, iamId, newSecret, validPath, type GroupRecord, type UserRecord } from './records.js';
import { IamRefusal } from './refusal.js';

/** IAM allows two access keys per user. */
const KEYS_PER_USER = 2;

function noSuchUser(name: string): never {
  throw new IamRefusal('NoSuchEntity', `The user with name ${name} cannot be found.`);
}

function path(value: string | undefined): string {
  const p = validPath(value);
  if (!p) throw new IamRefusal('InvalidInput', 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.');
  return p;
}

/** IAM allows 50 tags on a user or role. */
const MAX_TAGS = 50;

/** Tags merged as IAM's Tag operations do: a key given again takes the new value; more than 50 is refused. */
export function mergeTags(current: { Key: string; Value: string }[], added: { Key: string; Value: string }[]): { Key: string; Value: string }[] {
  const byKey = new Map(current.map((t) => [t.Key, t.Value]));
  for (const t of added) byKey.set(t.Key, t.Value);
  if (byKey.size > MAX_TAGS) throw new IamRefusal('LimitExceeded', `The number of tags has reached the maximum limit.`); // wording inferred
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

/** Users, their access keys and the groups they belong to. */
export class IamUsers {
  constructor(private readonly store: IamStore, private readonly now: () => number) {}

  /** CreateUser. */
  create(account: string, userName: string, pathValue?: string, tags: UserRecord['tags'] = []): UserRecord {
    if (this.store.get(account, 'user', userName)) throw new IamRefusal('EntityAlreadyExists', `User with name ${userName} already exists.`);
    const p = path(pathValue);
    const user: UserRecord = { userName, userId: iamId('AIDA'), path: p, arn: iamArn(account, 'user', p, userName), createdMs: this.now(), groups: [], attachedPolicies: [], inlinePolicies: {}, tags };
    this.store.put(account, 'user', userName, user);
    return user;
  }

  /** GetUser of a name. */
  get(account: string, userName: string): UserRecord {
    return this.store.get<UserRecord>(account, 'user', userName) ?? noSuchUser(userName);
  }

  /** ListUsers, optionally under a path prefix. */
  list(account: string, pathPrefix = '/'): UserRecord[] {
    return this.store.list<UserRecord>(account, 'user').filter((u) => u.path.startsWith(pathPrefix));
  }

  /** DeleteUser: refused while the user still has keys, groups or policies, as IAM does. */
  delete(account: string, userName: string): void {
    const user = this.get(account, userName);
    const conflict = this.store.keysOf(account, userName).length > 0 ? 'access keys'
      : user.groups.length > 0 ? 'groups' : user.attachedPolicies.length > 0 ? 'attached policies' : Object.keys(user.inlinePolicies).length > 0 ? 'policies' : undefined;
    if (conflict) throw new IamRefusal('DeleteConflict', `Cannot delete entity, must ${conflict === 'groups' ? 'remove users from group' : `delete ${conflict}`} first.`);
    this.store.delete(account, 'user', userName);
  }

  /** TagUser: tags replace those of the same key. */
  tag(account: string, userName: string, tags: UserRecord['tags']): void {
    const user = this.get(account, userName);
    this.store.put(account, 'user', userName, { ...user, tags: mergeTags(user.tags, tags) });
  }

  /** UntagUser. */
  untag(account: string, userName: string, keys: string[]): void {
    const user = this.get(account, userName);
    this.store.put(account, 'user', userName, { ...user, tags: user.tags.filter((t) => !keys.includes(t.Key)) });
  }

  /** CreateAccessKey for a user (at most two). */
  createKey(account: string, userName: string): IamAccessKeyRecord {
    this.get(account, userName);
    if (this.store.keysOf(account, userName).length >= KEYS_PER_USER) throw new IamRefusal('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`);
    const key: IamAccessKeyRecord = { accessKeyId: iamId('AKIA', 16), secretAccessKey: newSecret(), account, owner: userName, status: 'Active', createdMs: this.now() };
    this.store.putKey(key);
    return key;
  }

  /** ListAccessKeys of a user. */
  listKeys(account: string, userName: string): IamAccessKeyRecord[] {
    this.get(account, userName);
    return this.store.keysOf(account, userName);
  }

  /** DeleteAccessKey of a user. */
  deleteKey(account: string, userName: string, accessKeyId: string): void {
    this.get(account, userName);
    const key = this.store.key(accessKeyId);
    if (!key || key.account !== account || key.owner !== userName || key.session) throw new IamRefusal('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
    this.store.deleteKey(accessKeyId);
  }

  /** UpdateAccessKey: Active or Inactive. */
  setKeyStatus(account: string, userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): void {
    const key = this.store.key(accessKeyId);
    if (!key || key.account !== account || key.owner !== userName || key.session) throw new IamRefusal('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
    this.store.putKey({ ...key, status });
  }

  /** CreateGroup. */
  createGroup(account: string, groupName: string, pathValue?: string): GroupRecord {
    if (this.store.get(account, 'group', groupName)) throw new IamRefusal('EntityAlreadyExists', `Group with name ${groupName} already exists.`);
    const p = path(pathValue);
    const group: GroupRecord = { groupName, groupId: iamId('AGPA'), path: p, arn: iamArn(account, 'group', p, groupName), createdMs: this.now(), attachedPolicies: [], inlinePolicies: {} };
    this.store.put(account, 'group', groupName, group);
    return group;
  }

  /** A group by name. */
  group(account: string, groupName: string): GroupRecord {
    return this.store.get<GroupRecord>(account, 'group', groupName) ?? (() => { throw new IamRefusal('NoSuchEntity', `The group with name ${groupName} cannot be found.`); })();
  }

  /** ListGroups. */
  listGroups(account: string, pathPrefix = '/'): GroupRecord[] {
    return this.store.list<GroupRecord>(account, 'group').filter((g) => g.path.startsWith(pathPrefix));
  }

  /** The users of a group (GetGroup). */
  members(account: string, groupName: string): UserRecord[] {
    this.group(account, groupName);
    return this.store.list<UserRecord>(account, 'user').filter((u) => u.groups.includes(groupName));
  }

  /** DeleteGroup: refused while it has members or policies. */
  deleteGroup(account: string, groupName: string): void {
    const group = this.group(account, groupName);
    if (this.members(account, groupName).length > 0) throw new IamRefusal('DeleteConflict', 'Cannot delete entity, must remove users from group first.');
    if (group.attachedPolicies.length > 0 || Object.keys(group.inlinePolicies).length > 0) throw new IamRefusal('DeleteConflict', 'Cannot delete entity, must delete policies first.');
    this.store.delete(account, 'group', groupName);
  }

  /** AddUserToGroup (idempotent) and RemoveUserFromGroup. */
  setMembership(account: string, groupName: string, userName: string, member: boolean): void {
    this.group(account, groupName);
    const user = this.get(account, userName);
    if (!member && !user.groups.includes(groupName)) throw new IamRefusal('NoSuchEntity', `The user with name ${userName} cannot be found in group ${groupName}.`);
    const groups = member ? [...new Set([...user.groups, groupName])] : user.groups.filter((g) => g !== groupName);
    this.store.put(account, 'user', userName, { ...user, groups });
  }
}
