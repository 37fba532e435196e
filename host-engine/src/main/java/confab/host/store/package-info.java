/// The host's durable state in one SQLite database: accounts, rooms and the sealed message
/// history of each room. [HostStore] is the only entry point.
package confab.host.store;
