package confab.host.cli;

class Placeholder {}
