public enum Placeholder0 {}
