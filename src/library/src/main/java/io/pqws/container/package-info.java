/**
 * What the module must know or undo of the WebSocket implementation it runs on, each behind a small interface with
 * one implementation per container, reached through the objects the container hands over (never through imports),
 * so the WAR still deploys unchanged everywhere.
 */
package io.pqws.container;
