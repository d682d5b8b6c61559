import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../columns';

/** An organisational unit. `code` (pinyin initials, e.g. KF) prefixes its complaint numbers. */
@Entity('org_department')
export class DepartmentRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('uq_org_department_code', { unique: true }) @Column({ type: 'varchar', length: 10 }) code: string;
  @Index('uq_org_department_name', { unique: true }) @Column({ type: 'varchar', length: 100 }) name: string;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
}

/** A person who signs in with API tokens. Users are deactivated, never deleted, so history keeps its names. */
@Entity('org_user')
export class UserRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('uq_org_user_username', { unique: true }) @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName: string;
  @Index('ix_org_user_department') @Column({ name: 'department_id', type: 'varchar', length: 36 }) departmentId: string;
  @Column({ type: 'boolean' }) active: boolean;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
}

/** A user's console password: the scrypt hash with its parameters (see app/identity/passwords.ts). */
@Entity('org_password')
export class PasswordRow {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId: string;
  @Column({ name: 'password_hash', type: 'varchar', length: 200 }) passwordHash: string;
  @TimestampColumn({ name: 'changed_at' }) changedAt: Date;
}

/**
 * A console session. The cookie holds the opaque session id; only its SHA-256 is stored. A session ends at
 * `expiresAt`, after the idle timeout since `lastSeenAt`, or when `endedAt` is set (logout, password change).
 */
@Entity('org_session')
export class SessionRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('uq_org_session_hash', { unique: true }) @Column({ name: 'session_hash', type: 'varchar', length: 64 }) sessionHash: string;
  @Index('ix_org_session_user') @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId: string;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
  @TimestampColumn({ name: 'last_seen_at' }) lastSeenAt: Date;
  @TimestampColumn({ name: 'expires_at' }) expiresAt: Date;
  @TimestampColumn({ name: 'ended_at', nullable: true }) endedAt: Date | null;
}

/** One failed sign-in, counted per key (`user:<name>` and `address:<ip>`) inside the throttle window. */
@Entity('org_login_failure')
@Index('ix_org_login_failure_key', ['throttleKey', 'failedAt'])
export class LoginFailureRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'throttle_key', type: 'varchar', length: 120 }) throttleKey: string;
  @TimestampColumn({ name: 'failed_at' }) failedAt: Date;
}

/** Membership of a user in a user group (a role of rules.md); `isHead` marks the group's head. */
@Entity('org_user_group')
export class UserGroupRow {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId: string;
  @Index('ix_org_user_group_group') @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 40 }) groupId: string;
  @Column({ name: 'is_head', type: 'boolean' }) isHead: boolean;
}

/** An API token. Only the SHA-256 of the token is stored; the plaintext is shown once when issued. */
@Entity('org_api_token')
export class ApiTokenRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('ix_org_api_token_user') @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId: string;
  @Index('uq_org_api_token_hash', { unique: true }) @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) label: string | null;
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;
  @TimestampColumn({ name: 'last_used_at', nullable: true }) lastUsedAt: Date | null;
  @TimestampColumn({ name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}

export const IDENTITY_ENTITIES = [DepartmentRow, UserRow, UserGroupRow, ApiTokenRow, PasswordRow, SessionRow, LoginFailureRow];
