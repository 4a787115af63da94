/**
 * How the hub runs SQL where the typed DSL's building and rendering of a statement would cost more
 * than the database's work: statements rendered once and bound on every run. Depends on no other
 * module.
 */
package id.terpadu.sql;
