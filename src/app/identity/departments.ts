import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../domain/errors';
import { Database } from '../../persistence/database';
import { DepartmentRow } from '../../persistence/entities/identity';
import { IdentityRepository, isUniqueViolation } from '../../persistence/repositories/identity-repository';
import { InputChecks } from './input-checks';

export interface Department {
  id: string;
  code: string;
  name: string;
}

export interface CreateDepartmentInput {
  /** Pinyin initials used in complaint numbers, e.g. KF for 客户服务部. Stored upper-case. */
  code: string;
  name: string;
}

const DEPARTMENT_CODE = /^[A-Z]{1,10}$/;

export async function createDepartment(db: Database, input: CreateDepartmentInput): Promise<Department> {
  try {
    return await db.transaction((manager) => addDepartment(new IdentityRepository(manager), input));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('A department with this code or name already exists', 'department_exists');
    throw error;
  }
}

export async function listDepartments(db: Database): Promise<Department[]> {
  const rows = await db.read((manager) => new IdentityRepository(manager).listDepartments());
  return rows.map(toDepartment);
}

/** The body of createDepartment, for callers that already run inside a transaction. */
export async function addDepartment(repo: IdentityRepository, input: CreateDepartmentInput): Promise<Department> {
  const code = input.code.trim().toUpperCase();
  const name = input.name.trim();
  const checks = new InputChecks();
  checks.check(DEPARTMENT_CODE.test(code), 'code', 'code must be 1 to 10 latin letters (pinyin initials, e.g. KF)');
  checks.check(name.length > 0 && name.length <= 100, 'name', 'name must be 1 to 100 characters');
  checks.throwIfAny('The department is invalid');

  if (await repo.departmentByCode(code)) throw new ConflictError(`Department ${code} already exists`, 'department_exists');
  if (await repo.departmentByName(name)) throw new ConflictError(`Department ${name} already exists`, 'department_exists');
  const row = Object.assign(new DepartmentRow(), { id: randomUUID(), code, name, createdAt: new Date() });
  await repo.insertDepartment(row);
  return toDepartment(row);
}

function toDepartment(row: DepartmentRow): Department {
  return { id: row.id, code: row.code, name: row.name };
}
