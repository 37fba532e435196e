package confab.host;

class Placeholder {}
