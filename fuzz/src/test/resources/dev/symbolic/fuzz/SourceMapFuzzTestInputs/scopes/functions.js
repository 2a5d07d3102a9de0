function a(b){return b.c()}var d=function(){};x.y.z=()=>{};class K extends L{#p(){}static s(){}get g(){return 1}set g(v){}constructor(){super()}}
