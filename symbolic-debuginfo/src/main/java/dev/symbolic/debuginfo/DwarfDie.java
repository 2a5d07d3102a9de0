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
  long loclistsBase;
  long gnuRangesBase;
  int dwoNameForm;
  long dwoName;
  long dwoId;
  long declFile;
  int declFileForm;
  long declLine;
  long language;
  /** DW_AT_location: its form, and for a block form where the bytes start and how many. */
  int locationForm;
  long location;
  long locationLength;
  /** DW_AT_type: its form and value (an absolute offset, or a type signature). */
  int typeForm;
  long type;
  int byteSizeForm;
  long byteSize;
  int countForm;
  long count;
  int upperBoundForm;
  long upperBound;
  int lowerBoundForm;
  long lowerBound;
  /** The first byte of a DW_AT_frame_base block, or -1. */
  int frameBaseOp;
  int tagOffsetForm;
  long tagOffset;
  /** DW_AT_sibling as an absolute offset, or -1. */
  long sibling;

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
    loclistsBase = -1;
    gnuRangesBase = -1;
    dwoNameForm = 0;
    dwoId = 0;
    declFile = -1;
    declFileForm = 0;
    declLine = -1;
    locationForm = 0;
    typeForm = 0;
    byteSizeForm = 0;
    countForm = 0;
    upperBoundForm = 0;
    lowerBoundForm = 0;
    frameBaseOp = -1;
    tagOffsetForm = 0;
    sibling = -1;
  }
}
