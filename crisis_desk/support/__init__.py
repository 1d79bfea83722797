"""What every layer may use: where data is kept, packaged files, atomic writes, user errors."""
