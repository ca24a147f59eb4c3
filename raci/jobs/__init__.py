"""What a command does, end to end: read inputs, compute, render, write through raci.output."""
