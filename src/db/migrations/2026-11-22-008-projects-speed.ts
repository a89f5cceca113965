// Frozen: never edit a migration that has shipped; add a new one instead.
// Speed for the project and circle pages (#4).
//
// 1. projects.circle_version: a number the database raises whenever anything the circle page lists changes (someone
//    added to, moved in or removed from the circle, or asking to do more; a person in it renamed, archived or
//    deleted), whichever code, process or tool writes. The circle page reads it with the project (a query it runs
//    anyway) and keeps the circle it read last for that number, so a circle of 200 is not read and drawn again on
//    every view, and stays exact when another process changes it.
// 2. The circle, circle by circle, counted from an index (the project page counts each circle on every view).
// 3. Updates newest first read straight from the index, ties on the same second included (created_at, then id).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The columns of circle_members the circle page shows or filters on. */
const MEMBER_COLUMNS = 'organisation_id, project_id, person_id, circle, level, domain, left_at, wants_more_at';
/** The columns of people the circle page shows or filters on. */
const PEOPLE_COLUMNS = 'display_name, archived_at';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('circle_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  if (isPostgres(db)) {
    await sql
      .raw(
        `create or replace function doing_with_circle_changed() returns trigger language plpgsql as $$
         begin
           if tg_op <> 'INSERT' then
             update projects set circle_version = circle_version + 1 where id = old.project_id;
           end if;
           if tg_op = 'INSERT' or (tg_op = 'UPDATE' and old.project_id is distinct from new.project_id) then
             update projects set circle_version = circle_version + 1 where id = new.project_id;
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create or replace function doing_with_circle_person_changed() returns trigger language plpgsql as $$
         begin
           update projects set circle_version = circle_version + 1
             where id in (select project_id from circle_members where organisation_id = new.organisation_id and person_id = new.id);
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(`create trigger circle_members_circle_changed after insert or delete or update of ${MEMBER_COLUMNS} on circle_members for each row execute function doing_with_circle_changed()`)
      .execute(db);
    await sql
      .raw(`create trigger people_circle_changed after update of ${PEOPLE_COLUMNS} on people for each row execute function doing_with_circle_person_changed()`)
      .execute(db);
  } else {
    const bump = (row: 'new' | 'old') => `update projects set circle_version = circle_version + 1 where id = ${row}.project_id;`;
    await sql.raw(`create trigger circle_members_circle_added after insert on circle_members begin ${bump('new')} end`).execute(db);
    await sql.raw(`create trigger circle_members_circle_removed after delete on circle_members begin ${bump('old')} end`).execute(db);
    await sql
      .raw(
        `create trigger circle_members_circle_changed after update of ${MEMBER_COLUMNS} on circle_members begin
           ${bump('new')}
           update projects set circle_version = circle_version + 1 where id = old.project_id and old.project_id <> new.project_id;
         end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger people_circle_changed after update of ${PEOPLE_COLUMNS} on people begin
           update projects set circle_version = circle_version + 1
             where id in (select project_id from circle_members where organisation_id = new.organisation_id and person_id = new.id);
         end`,
      )
      .execute(db);
  }

  await db.schema.createIndex('circle_members_circle_idx').on('circle_members').columns(['organisation_id', 'project_id', 'left_at', 'circle', 'person_id']).execute();
  await db.schema.createIndex('project_updates_order_idx').on('project_updates').columns(['organisation_id', 'project_id', 'created_at', 'id']).execute();
  await db.schema.dropIndex('project_updates_project_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('project_updates_project_idx').on('project_updates').columns(['organisation_id', 'project_id', 'created_at']).execute();
  await db.schema.dropIndex('project_updates_order_idx').execute();
  await db.schema.dropIndex('circle_members_circle_idx').execute();
  if (isPostgres(db)) {
    await sql.raw('drop trigger if exists circle_members_circle_changed on circle_members').execute(db);
    await sql.raw('drop trigger if exists people_circle_changed on people').execute(db);
    await sql.raw('drop function if exists doing_with_circle_changed()').execute(db);
    await sql.raw('drop function if exists doing_with_circle_person_changed()').execute(db);
  } else {
    for (const name of ['circle_members_circle_added', 'circle_members_circle_removed', 'circle_members_circle_changed', 'people_circle_changed']) {
      await sql.raw(`drop trigger if exists ${name}`).execute(db);
    }
  }
  await db.schema.alterTable('projects').dropColumn('circle_version').execute();
}
