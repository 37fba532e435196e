package confab.crypto;

class Placeholder {}
