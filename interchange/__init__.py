"""The formats: JSON and EML_NL documents turned into the typed records of ``spec`` and back."""
