package dev.symbolic.debuginfo;

/** Mutable holder for the attributes of one DIE that the reader cares about. */
final class DwarfDie {
  long offset;
  int tag;
  boolean hasChildren;

  int nameForm;
  long nameValue;
  int linkageForm;
  long linkageValue;
  int lowPcForm;
  long lowPc;
  int highPcForm;
  long highPc;
  int rangesForm;
  long ranges;
  long abstractOrigin;
  long specification;
  long callFile;
  long callLine;
  long callColumn;
  long callDiscriminator;
  long stmtList;
  int compDirForm;
  long compDir;
  long strOffsetsBase;
  long addrBase;
  long rnglistsBase;
  long gnuRangesBase;
  int dwoNameForm;
  long dwoName;
  long dwoId;
  long declFile;
  int declFileForm;
  long declLine;
  long language;

  void reset(long off) {
    offset = off;
    tag = 0;
    hasChildren = false;
    nameForm = 0;
    linkageForm = 0;
    lowPcForm = 0;
    highPcForm = 0;
    rangesForm = 0;
    abstractOrigin = -1;
    specification = -1;
    callFile = -1;
    language = -1;
    callLine = 0;
    callColumn = 0;
    callDiscriminator = 0;
    stmtList = -1;
    compDirForm = 0;
    strOffsetsBase = -1;
    addrBase = -1;
    rnglistsBase = -1;
    gnuRangesBase = -1;
    dwoNameForm = 0;
    dwoId = 0;
    declFile = -1;
    declFileForm = 0;
    declLine = -1;
  }
}
