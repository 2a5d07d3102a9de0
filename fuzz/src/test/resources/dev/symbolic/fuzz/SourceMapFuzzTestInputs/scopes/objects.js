var o={a:function(){},b(){},"c":()=>1,[k]:function(){},get d(){},1.5(){}};this.e=function f(){};K.prototype[42]=function(){};(function(){})();!function(){}();
