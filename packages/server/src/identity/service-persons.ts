import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, notFound } from '../http/problem.ts';
import type { Actor } from './actor.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone, normalisePhone } from './domain/masking.ts';
import { can, type Resource } from './domain/policy.ts';
import type { AuditService } from './service-audit.ts';

export interface PersonData {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  /** The place the person's record belongs to (e.g. the case's grid path): who may reveal it. */
  regionPath: string;
}

/** A person as every response shows them: masked. */
export interface MaskedPerson {
  id: number;
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  masked: true;
}

export interface RevealedPerson extends Omit<MaskedPerson, 'masked'> {
  masked: false;
}

/** Personal data of residents and parties: stored apart, masked by default, revealed with an audited reason. */
export function createPersonsService(db: Db, secret: string, audit: AuditService) {
  /** Keyed hash of a phone number (HMAC-SHA256 with the deployment secret): finds repeats without revealing. */
  function phoneHash(phone: string): string {
    return createHmac('sha256', secret).update(normalisePhone(phone)).digest('hex');
  }

  return {
    phoneHash,

    /** Store a person inside the caller's transaction; returns the new id. */
    async create(trx: Kysely<DB>, data: PersonData): Promise<number> {
      const row = await trx
        .insertInto('person')
        .values({
          name: data.name ?? null,
          phone: data.phone ?? null,
          phone_hash: data.phone ? phoneHash(data.phone) : null,
          id_number: data.idNumber ?? null,
          address: data.address ?? null,
          region_path: data.regionPath,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** Store many people in one statement inside the caller's transaction; returns their ids in order. */
    async createMany(trx: Kysely<DB>, people: readonly PersonData[]): Promise<number[]> {
      if (people.length === 0) return [];
      const rows = await trx
        .insertInto('person')
        .values(
          people.map((data) => ({
            name: data.name ?? null,
            phone: data.phone ?? null,
            phone_hash: data.phone ? phoneHash(data.phone) : null,
            id_number: data.idNumber ?? null,
            address: data.address ?? null,
            region_path: data.regionPath,
          })),
        )
        .returning('id')
        .execute();
      // a multi-row insert numbers its rows from one sequence in the order of its values
      return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    },

    /** Masked views of the given people (ids not found are left out). */
    async masked(ids: readonly number[]): Promise<Map<number, MaskedPerson>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await db.selectFrom('person').selectAll().where('id', 'in', unique).execute();
      return new Map(
        rows.map((r) => [
          Number(r.id),
          {
            id: Number(r.id),
            name: maskName(r.name),
            phone: maskPhone(r.phone),
            idNumber: maskIdNumber(r.id_number),
            address: maskAddress(r.address),
            masked: true as const,
          },
        ]),
      );
    },

    /** Ids of people with this phone number (repeat detection), newest first. */
    async idsByPhone(phone: string, limit = 50): Promise<number[]> {
      const rows = await db
        .selectFrom('person')
        .select('id')
        .where('phone_hash', '=', phoneHash(phone))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.id));
    },

    /**
     * The full record, for an actor whose role may reveal and whose scope covers the person (or
     * `also`, e.g. the unit a case is assigned to), with a stated reason. Every reveal is audited.
     */
    async reveal(
      actor: Actor,
      id: number,
      reason: string,
      ip?: string,
      also?: Resource,
    ): Promise<RevealedPerson> {
      if (!reason.trim()) throw badRequest('body.reason', 'a reason is required to reveal personal data');
      return db.transaction().execute(async (trx) => {
        const r = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
        const allowed =
          r &&
          (can(actor, 'person.reveal', { regionPath: r.region_path }) ||
            (also && can(actor, 'person.reveal', also)));
        if (!r || !allowed) throw notFound('person');
        await audit.record(trx, {
          actor,
          action: 'person.reveal',
          objectType: 'person',
          objectId: id,
          regionPath: r.region_path,
          ip: ip ?? null,
          reason: reason.trim(),
        });
        return {
          id: Number(r.id),
          name: r.name,
          phone: r.phone,
          idNumber: r.id_number,
          address: r.address,
          masked: false as const,
        };
      });
    },
  };
}

export type PersonsService = ReturnType<typeof createPersonsService>;
